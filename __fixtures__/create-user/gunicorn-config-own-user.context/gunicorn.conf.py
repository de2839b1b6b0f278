bind = "127.0.0.1:8000"
chdir = "/srv"
workers = 1
user = "app"
group = "app"
