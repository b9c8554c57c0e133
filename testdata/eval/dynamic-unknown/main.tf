variable "public" { type = bool }
resource "aws_security_group" "web" {
  name = "web"
  dynamic "ingress" {
    for_each = var.public ? [1] : []
    content {
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = ["0.0.0.0/0"]
    }
  }
  dynamic "ingress" {
    for_each = var.public ? [] : [1]
    content {
      from_port   = 22
      to_port     = 22
      protocol    = "tcp"
      cidr_blocks = ["10.0.0.0/8"]
    }
  }
}
resource "aws_db_instance" "db" {
  engine = "postgres"
  instance_class = "db.t3.micro"
  storage_encrypted = true
  dynamic "restore_to_point_in_time" {
    for_each = var.public ? [1] : []
    content { use_latest_restorable_time = true }
  }
}
