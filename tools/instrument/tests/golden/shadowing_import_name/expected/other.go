package sh

func rt() {}
