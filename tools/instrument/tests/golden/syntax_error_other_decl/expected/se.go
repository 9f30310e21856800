package se

func Good() { _ = "Good" //  
/*line app/se.go:3:14*/
}

func Bad() {
	x :=
}

func AlsoGood() { _ = "AlsoGood" //  
/*line app/se.go:10:18*/
}
