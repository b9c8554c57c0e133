module "iam" {
  source     = "../mod"
  account_id = "123"
}
