package main

import "fmt"

var config string

func main() {
	ready := make(chan bool)
	go func() {
		config = "dark mode"
		ready <- true
	}()
	<-ready
	fmt.Println("config:", config)
}
