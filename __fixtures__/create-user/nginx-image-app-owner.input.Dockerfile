FROM nginx:1.27-alpine
COPY index.html /usr/share/nginx/html/
# The site writes its caches next to its pages, as the nginx user.
RUN chown -R nginx:nginx /usr/share/nginx/html
CMD ["nginx", "-g", "daemon off;"]
