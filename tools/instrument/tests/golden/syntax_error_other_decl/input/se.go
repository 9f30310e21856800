package se

func Good() {
}

func Bad() {
	x :=
}

func AlsoGood() {
}
