#!/bin/bash
cp ./docker/compose-env .env
