module gotokens

go 1.22
