open("/app/compose/generated.yml","w").write("services: {}\n")
