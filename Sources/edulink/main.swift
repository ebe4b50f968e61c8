print("edulink")
