# Values written for documentation, not credentials (each was a false alarm on
# real code): a value marked as an example, and a value that only repeats the
# last words of its key, as in module examples meant to be filled in.
module "app" {
  source                  = "./app"
  terraform_token         = "EXAMPLE-uoc1c1qsw7poexampleewjeno1pte3rw"
  auth_oidc_client_secret = "client_secret"
  githubAppPrivateKey     = "private-key"
}

# A seed value that tells the reader to replace it after the first apply.
module "db" {
  source          = "./app"
  terraform_token = "YouShouldSetVeryStrongSecretToken!"
  db_password     = "YouShouldChangePasswordAfterApply!"
}
