# Reads the corpus the build downloaded, through nltk's own run-time search path.
from nltk.corpus import stopwords

print(len(stopwords.words("english")), "stopwords")
