# Planned by the test with the real `terraform` (the builtin provider needs
# no download), then checked with the rule in rules/.

variable "public" {
  type    = bool
  default = true
}

resource "terraform_data" "site" {
  input = {
    name   = "site"
    public = var.public
  }
}

# Known only after apply: quiet.
resource "terraform_data" "later" {
  input = {
    public = terraform_data.site.output
  }
}

module "child" {
  source = "./child"
}
