variable "name" {
  type = string
}

variable "role_permissions_boundary_arn" {
  type = string
}

resource "aws_iam_role" "this" {
  name                 = var.name
  assume_role_policy   = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }] })
  permissions_boundary = var.role_permissions_boundary_arn
}
