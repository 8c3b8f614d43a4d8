print("brain")
