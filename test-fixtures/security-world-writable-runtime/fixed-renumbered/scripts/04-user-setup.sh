usermod -o -u 1000 www-data
