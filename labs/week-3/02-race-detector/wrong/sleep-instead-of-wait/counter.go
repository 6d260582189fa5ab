package main

import (
	"fmt"
	"sync"
	"time"
)

var counter int

func main() {
	var mu sync.Mutex
	for i := 0; i < 2; i++ {
		go func() {
			for j := 0; j < 100; j++ {
				mu.Lock()
				counter++
				mu.Unlock()
			}
		}()
	}
	time.Sleep(100 * time.Millisecond)
	fmt.Println("counter:", counter)
}
