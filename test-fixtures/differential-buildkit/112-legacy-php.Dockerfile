FROM php:8.3-apache
MAINTAINER Web Team <web@example.com>
ENV APACHE_DOCUMENT_ROOT /var/www/html/public
RUN a2enmod rewrite
WORKDIR var/www/html
EXPOSE 80/TCP
CMD apache2-foreground

# ---- differential: what `docker build --check` (BuildKit 73ed682) reports for this file
# buildkit: MaintainerDeprecated@2 LegacyKeyValueFormat@3 WorkdirRelativePath@5 ExposeProtoCasing@6 JSONArgsRecommended@7
