FROM node:16.14.2
WORKDIR /app
COPY index.js package.json /app/
RUN mkdir /app/uploads
RUN npm install
# Paths written at run time, owned by the unprivileged user (only these)
RUN mkdir -p /app/files/incoming && chown 1000:1000 /app/files/incoming
USER 1000:1000
CMD ["npm", "start"]
