package main

import (
	"fmt"
	"sync"
	"sync/atomic"
)

var counter atomic.Int64

func main() {
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				counter.Add(1)
			}
		}()
	}
	fmt.Println("counter:", counter.Load())
	wg.Wait()
}
