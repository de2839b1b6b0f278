FROM node:20
WORKDIR /usr/src/app
COPY package*.json ./
RUN npm install
COPY . .
RUN mkdir -p logs
EXPOSE 3000
CMD ["npx", "nodemon", "index.js"]
