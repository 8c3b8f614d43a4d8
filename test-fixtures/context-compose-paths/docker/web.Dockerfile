FROM nginxinc/nginx-unprivileged:1.27-alpine
USER nginx
CMD ["nginx", "-g", "daemon off;"]
