FROM alpine:3.20
RUN apk add --no-cache nginx
COPY default.conf /etc/nginx/http.d/default.conf
COPY public/ /var/www/html/
EXPOSE 8080
CMD ["nginx", "-g", "daemon off;"]
