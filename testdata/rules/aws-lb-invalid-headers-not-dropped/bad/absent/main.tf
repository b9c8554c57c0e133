resource "aws_lb" "web" {
  name    = "web"
  subnets = var.public_subnet_ids
}

variable "public_subnet_ids" {
  type = list(string)
}
