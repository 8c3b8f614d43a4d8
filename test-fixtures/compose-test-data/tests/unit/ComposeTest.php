<?php
// Reads the compose file as text; does not run it.
$compose = file_get_contents(__DIR__ . '/../resources/docker/docker-compose.yml');
