resource "aws_lb" "web" {
  name                       = "web"
  subnets                    = var.public_subnet_ids
  drop_invalid_header_fields = true
}

resource "aws_lb" "mqtt" {
  name               = "mqtt"
  load_balancer_type = "network"
  subnets            = var.public_subnet_ids
}

variable "public_subnet_ids" {
  type = list(string)
}
