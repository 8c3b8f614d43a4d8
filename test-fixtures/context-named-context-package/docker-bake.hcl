target "svc" {
  context = "svc"
  contexts = {
    lib = "./lib/shared"
  }
  tags = ["example/svc:latest"]
}
