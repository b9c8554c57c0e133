variable "container_insights" {
  type = string
}

resource "aws_ecs_cluster" "main" {
  name = "main"

  setting {
    name  = "containerInsights"
    value = var.container_insights
  }
}
