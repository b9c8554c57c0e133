terraform {
  backend "s3" {
    bucket = "state"
    key    = "app.tfstate"
    region = "eu-west-1"
  }
}

resource "aws_ecr_repository" "app" {
  name = "app"
}

resource "aws_ecs_service" "app" {
  name = "app"
  network_configuration {
    subnets          = ["subnet-1"]
    assign_public_ip = true
  }
}
