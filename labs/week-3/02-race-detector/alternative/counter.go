package main

import "fmt"

var counter int

func main() {
	// Each goroutine counts on its own and hands its count over a channel:
	// only main ever touches counter, so nothing is shared.
	partial := make(chan int)
	for i := 0; i < 2; i++ {
		go func() {
			n := 0
			for j := 0; j < 100; j++ {
				n++
			}
			partial <- n
		}()
	}
	for i := 0; i < 2; i++ {
		counter += <-partial
	}
	fmt.Println("counter:", counter)
}
