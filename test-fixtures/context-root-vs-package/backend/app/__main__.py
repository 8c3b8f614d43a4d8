print("backend")
