print("publish")
