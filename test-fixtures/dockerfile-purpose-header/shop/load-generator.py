import requests
requests.get("http://shop:5000/")
