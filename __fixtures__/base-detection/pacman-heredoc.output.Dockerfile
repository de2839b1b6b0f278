FROM archlinux:base
RUN <<EOF
pacman -Syu --noconfirm python
EOF
CMD ["python"]
