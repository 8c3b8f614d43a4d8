import os
bind = "0.0.0.0:" + os.environ.get("APP_PORT", "9000")
workers = 2
