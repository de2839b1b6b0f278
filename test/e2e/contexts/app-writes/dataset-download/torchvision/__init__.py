# Stands in for torchvision (no PyPI here): datasets download into root as torchvision's do.
