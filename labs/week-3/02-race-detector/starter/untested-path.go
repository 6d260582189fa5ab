package main

import (
	"fmt"
	"sync"
)

var hits int

// resetLater is racy (the goroutine writes hits while the caller does too),
// but nothing calls it, so no run ever executes it.
func resetLater() {
	go func() {
		hits = 0
	}()
	hits++
}

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mu.Lock()
			hits++
			mu.Unlock()
		}()
	}
	wg.Wait()
	fmt.Println("hits:", hits)
}
