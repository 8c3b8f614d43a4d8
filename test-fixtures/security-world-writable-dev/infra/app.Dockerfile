FROM php:8.3-cli-alpine
WORKDIR /home/app
COPY . .
# a service that mounts only a data directory: the image ships its code
# expect: BTH606 "give it to the user that needs it"
RUN chmod 777 /home/app
USER www-data
CMD ["php", "-S", "0.0.0.0:8080", "-t", "public"]
