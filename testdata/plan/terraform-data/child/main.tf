resource "terraform_data" "c" {
  for_each = toset(["k"])
  input = {
    public = true
  }
}
