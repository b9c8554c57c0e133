# The default group of `shared` is emptied; that of `batch` is not.
resource "aws_vpc" "shared" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_vpc" "batch" {
  cidr_block = "10.1.0.0/16"
}

resource "aws_default_security_group" "shared" {
  vpc_id = aws_vpc.shared.id
}
