FROM php:8.3-cli-alpine
# expect: BTH606 "bind-mounts its build context into the container (a development container"
RUN chmod 777 /home
WORKDIR /home/app
CMD ["php", "-S", "0.0.0.0:8080", "-t", "public"]
