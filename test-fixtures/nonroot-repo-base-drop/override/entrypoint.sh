#!/bin/bash
cd /app && exec python app.py
