from my_models import warm
warm()
