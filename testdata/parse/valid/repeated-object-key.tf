# Terraform accepts a repeated key in an object constructor and keeps the last
# value (terraform-aws-modules/terraform-aws-alb, examples/complete-alb).
module "alb" {
  source = "terraform-aws-modules/alb/aws"

  target_groups = {
    ex-instance = {
      name_prefix = "h1"
      protocol    = "HTTP"
      port        = 80
      target_type = "instance"
      port        = 8080
    }
  }
}
