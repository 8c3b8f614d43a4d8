from app.server import app
print(app)
