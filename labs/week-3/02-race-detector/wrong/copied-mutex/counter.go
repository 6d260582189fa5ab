package main

import (
	"fmt"
	"sync"
)

var counter int

func work(mu sync.Mutex, wg *sync.WaitGroup) {
	defer wg.Done()
	for j := 0; j < 100; j++ {
		mu.Lock()
		counter++
		mu.Unlock()
	}
}

func main() {
	var mu sync.Mutex
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go work(mu, &wg)
	}
	wg.Wait()
	fmt.Println("counter:", counter)
}
