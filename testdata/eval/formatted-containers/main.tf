# Container definitions built with format() around jsonencode(): the module
# reads them as a plain string, so each value is placed at the module's
# attribute, and said to be written here.
module "svc" {
  source = "./svc"
  containers = format("[%s]", jsonencode({
    name      = "app"
    image     = "nginx:latest"
    essential = true
    logConfiguration = {
      logDriver = "awslogs"
    }
  }))
}
