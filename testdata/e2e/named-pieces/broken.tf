# Not valid: Terraform refuses the file. A run on named.tf leaves this block
# out without parsing it (the whole run reports the error).
resource "aws_instance" "broken" {
  ami = = "ami-123"
}
