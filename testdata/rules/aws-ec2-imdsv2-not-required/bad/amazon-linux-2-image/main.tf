# Amazon Linux 2 images still answer IMDSv1 unless the instance requires v2.
data "aws_ssm_parameter" "al2" {
  name = "/aws/service/ami-amazon-linux-latest/amzn2-ami-hvm-x86_64-gp2"
}

resource "aws_instance" "web" {
  ami           = data.aws_ssm_parameter.al2.value
  instance_type = "t3.micro"
}
