resource "aws_key_pair" "eha" {
  key_name   = "eHa"
  public_key = file("${path.module}/eHa.pub")
}
