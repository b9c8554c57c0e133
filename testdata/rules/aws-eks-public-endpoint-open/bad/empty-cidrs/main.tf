# An empty list is not sent: EKS applies its default, 0.0.0.0/0.
resource "aws_eks_cluster" "apps" {
  name     = "apps"
  role_arn = "arn:aws:iam::111122223333:role/eks-cluster"

  vpc_config {
    subnet_ids          = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
    public_access_cidrs = []
  }
}
