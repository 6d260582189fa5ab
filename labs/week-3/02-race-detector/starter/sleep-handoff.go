package main

import (
	"fmt"
	"time"
)

var status string

func main() {
	go func() {
		status = "loaded"
	}()
	time.Sleep(10 * time.Millisecond)
	fmt.Println("status:", status)
}
