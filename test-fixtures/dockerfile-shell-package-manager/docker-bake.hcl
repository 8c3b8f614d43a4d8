target "base" {
  context = "base-image"
}

target "app" {
  context = "named-context"
  contexts = {
    base = "target:base"
  }
}
