import os
print(os.environ["SQLALCHEMY_DATABASE_URL"])
